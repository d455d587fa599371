package org.lujing.feed;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Pulls one partner feed now, through its route {@code direct:<source>-feed} ({@code routes/<source>-feed.camel.yaml}):
 * what the nightly run calls for its "pull feeds" step. A feed without a URL comes back SKIPPED and one that cannot
 * be reached UNREACHABLE, so the night goes on; a failure of anything else (the ingest could not run) is thrown.
 */
@Component
public class FeedPuller {

    private final ProducerTemplate producer;
    private final CamelContext camel;

    public FeedPuller(ProducerTemplate producer, CamelContext camel) {
        this.producer = producer;
        this.camel = camel;
    }

    /** Whether a feed route exists for the source. */
    public boolean hasFeed(String sourceId) {
        return camel.getRoute(routeId(sourceId)) != null;
    }

    /**
     * Pulls the source's feed and ingests its new records; one pull of a source at a time.
     *
     * @throws IllegalArgumentException when no route {@code <source>-feed} is loaded
     */
    public synchronized PullResult pull(String sourceId) {
        if (!hasFeed(sourceId)) {
            throw new IllegalArgumentException("no feed route '" + routeId(sourceId) + "' is loaded: add routes/"
                    + routeId(sourceId) + ".camel.yaml for source " + sourceId);
        }
        try {
            return producer.requestBody("direct:" + routeId(sourceId), null, PullResult.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String routeId(String sourceId) {
        return sourceId + "-feed";
    }
}

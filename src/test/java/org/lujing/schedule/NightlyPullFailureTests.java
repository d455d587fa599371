package org.lujing.schedule;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RouteController;
import org.junit.jupiter.api.Test;
import org.lujing.feed.FeedPuller;
import org.lujing.feed.PullResult;
import org.lujing.source.SourceCatalog;
import org.lujing.source.SourceDefinition;

/**
 * The night's pull step goes through every feed: one whose pull cannot run (the ingest of its records fails, its
 * route will not start) does not keep the feeds after it from being pulled; the step then fails, names that feed and
 * its cause in each language, an ID number in the cause masked, so the night shows it and a resume pulls again.
 */
class NightlyPullFailureTests {

    @Test
    void aFeedWhosePullCannotRunDoesNotHoldUpTheFeedsAfterIt() throws Exception {
        SourceCatalog sources = twoSources();
        FeedPuller feeds = secondFeedHasNothingNew();
        when(feeds.pull("court-feed-a"))
                .thenThrow(new IllegalStateException(
                        "数据库连接暂不可用（430104197706186971） ‖ Connection is not available (430104197706186971)"));
        CamelContext camel = mock(CamelContext.class);
        RouteController routes = mock(RouteController.class);
        when(camel.getRouteController()).thenReturn(routes);
        when(routes.getRouteStatus(anyString())).thenReturn(ServiceStatus.Started);
        NightlyStep step = new NightlySteps()
                .nightlyPullFeeds(feeds, sources, camel, mock(org.lujing.ingest.FileIngestService.class));

        assertThatThrownBy(() -> step.run(LocalDate.of(2025, 6, 30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 个数据接口未能拉取，第一个：甲法院（court-feed-a）")
                .hasMessageContaining("某大学 没有新记录")
                .hasMessageContaining("micro-lesson NOTHING_NEW")
                .hasMessageContaining("1 feed(s) could not be pulled; first: court-feed-a")
                .hasMessageNotContaining("430104197706186971")
                .satisfies(e -> EachLanguage.carriesItsHalf(e, "数据库连接暂不可用", "Connection is not available"));
        verify(feeds).pull("micro-lesson");
    }

    @Test
    void aRouteThatWillNotStartIsNamedAndTheOthersArePulled() throws Exception {
        SourceCatalog sources = twoSources();
        FeedPuller feeds = secondFeedHasNothingNew();
        CamelContext camel = mock(CamelContext.class);
        RouteController routes = mock(RouteController.class);
        when(camel.getRouteController()).thenReturn(routes);
        when(routes.getRouteStatus(anyString())).thenReturn(ServiceStatus.Stopped);
        org.mockito.Mockito.doThrow(new IllegalArgumentException("endpoint refused"))
                .when(routes)
                .startRoute("court-feed-a-feed");
        NightlyStep step = new NightlySteps()
                .nightlyPullFeeds(feeds, sources, camel, mock(org.lujing.ingest.FileIngestService.class));

        assertThatThrownBy(() -> step.run(LocalDate.of(2025, 6, 30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("甲法院 拉取未能运行")
                .hasMessageContaining("court-feed-a FAILED")
                .hasMessageContaining("endpoint refused");
        verify(routes).startRoute("micro-lesson-feed");
        verify(feeds).pull("micro-lesson");
    }

    @Test
    void aFeedsPageRouteIsStartedWithIt() throws Exception {
        // given commands other than serve, whose routes start stopped: a feed's route calls its page route
        SourceCatalog sources = twoSources();
        FeedPuller feeds = secondFeedHasNothingNew();
        when(feeds.pull("court-feed-a"))
                .thenReturn(new PullResult("court-feed-a", PullResult.Status.NOTHING_NEW, 1, 0, 0, null, null, null));
        CamelContext camel = mock(CamelContext.class);
        RouteController routes = mock(RouteController.class);
        when(camel.getRouteController()).thenReturn(routes);
        when(routes.getRouteStatus(anyString())).thenReturn(ServiceStatus.Stopped);
        List<org.apache.camel.Route> loaded = new java.util.ArrayList<>();
        for (String id : List.of("micro-lesson-feed", "micro-lesson-feed-page", "inbox")) {
            org.apache.camel.Route r = mock(org.apache.camel.Route.class);
            when(r.getId()).thenReturn(id);
            loaded.add(r);
        }
        when(camel.getRoutes()).thenReturn(loaded);

        new NightlySteps()
                .nightlyPullFeeds(feeds, sources, camel, mock(org.lujing.ingest.FileIngestService.class))
                .run(LocalDate.of(2025, 6, 30));

        // then the pull's page route runs too (without it, `nightly` failed: no consumers on direct:…-page)
        verify(routes).startRoute("micro-lesson-feed");
        verify(routes).startRoute("micro-lesson-feed-page");
        verify(routes, org.mockito.Mockito.never()).startRoute("inbox");
    }

    /** Two sources with a feed each: a court's first, then the university's micro-lessons. */
    private static SourceCatalog twoSources() {
        SourceCatalog sources = mock(SourceCatalog.class);
        when(sources.all()).thenReturn(List.of(source("court-feed-a", "甲法院"), source("micro-lesson", "某大学")));
        return sources;
    }

    /** Feeds for both sources, the second answering with nothing new. */
    private static FeedPuller secondFeedHasNothingNew() {
        FeedPuller feeds = mock(FeedPuller.class);
        when(feeds.hasFeed(anyString())).thenReturn(true);
        when(feeds.pull("micro-lesson"))
                .thenReturn(new PullResult("micro-lesson", PullResult.Status.NOTHING_NEW, 1, 40, 0, null, null, null));
        return feeds;
    }

    private static SourceDefinition source(String id, String agency) {
        return new SourceDefinition(
                id,
                agency,
                null,
                List.of(),
                SourceDefinition.Cadence.NONE,
                false,
                null,
                null,
                null,
                null,
                Map.of(),
                Map.of(),
                null,
                null);
    }
}

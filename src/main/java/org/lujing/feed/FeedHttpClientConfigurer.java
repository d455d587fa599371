package org.lujing.feed;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * The HTTP client of feed pulls: the client's own retries are turned off (by default it silently repeats a 503 or
 * 429 after a pause), so that every retry is the route's redelivery, counted, logged and backed off as configured;
 * and it asks for no compressed answers.
 */
@Component("feedHttpClientConfigurer")
class FeedHttpClientConfigurer implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableAutomaticRetries();
        // no Accept-Encoding: the client would unpack a gzipped answer out of FeedAnswer's sight, and the limit on a
        // page's size must count what it unpacks to
        clientBuilder.disableContentCompression();
    }
}

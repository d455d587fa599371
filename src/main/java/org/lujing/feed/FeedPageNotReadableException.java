package org.lujing.feed;

/** A feed page arrived but is not JSON in one of the accepted shapes; treated like an unreachable feed (retried). */
public class FeedPageNotReadableException extends RuntimeException {

    public FeedPageNotReadableException(String message) {
        super(message);
    }
}

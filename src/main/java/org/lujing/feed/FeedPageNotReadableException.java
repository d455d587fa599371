package org.lujing.feed;

/** A feed page arrived but is not JSON in one of the accepted shapes; treated like an unreachable feed (retried). */
public class FeedPageNotReadableException extends RuntimeException {

    private final String messageZh;

    /**
     * @param message what is wrong with the page, in English (log and the English half of the night's detail)
     * @param messageZh the same in Chinese, for the workers who read the night's detail
     */
    public FeedPageNotReadableException(String message, String messageZh) {
        super(message);
        this.messageZh = messageZh;
    }

    /** What is wrong with the page, in Chinese. */
    public String messageZh() {
        return messageZh;
    }
}

package org.lujing.normalise;

import java.util.Objects;

/** The outcome of normalising one value: the value, or the reason a row is rejected. */
public sealed interface Normalised<T> permits Normalised.Ok, Normalised.Rejected {

    boolean isOk();

    /** The normalised value; throws {@link IllegalStateException} for a rejection. */
    T value();

    static <T> Normalised<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Normalised<T> rejected(ReasonCode code, String message) {
        return new Rejected<>(code, message);
    }

    /** A usable value; it may be {@code null} where a normaliser documents that blank is allowed. */
    record Ok<T>(T value) implements Normalised<T> {

        @Override
        public boolean isOk() {
            return true;
        }
    }

    /** A rejection; its message is masked on the way in, so it is safe for any log or report. */
    record Rejected<T>(ReasonCode code, String message) implements Normalised<T> {

        public Rejected {
            Objects.requireNonNull(code, "code");
            // Belt and braces: callers mask already, but a message travels to logs and reports.
            message = Masking.value((message != null) ? message : code.advice());
        }

        @Override
        public boolean isOk() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException("Rejected (" + this.code + "): " + this.message);
        }
    }
}

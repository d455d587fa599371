package org.lujing.reconcile;

/** There is no finding with the id a user gave. */
public class FindingNotFoundException extends IllegalArgumentException {

    public FindingNotFoundException(long id) {
        super("there is no finding #" + id + " (see `findings`)");
    }
}

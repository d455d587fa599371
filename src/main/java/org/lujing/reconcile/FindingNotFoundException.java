package org.lujing.reconcile;

/** There is no finding with the id a user gave. */
public class FindingNotFoundException extends IllegalArgumentException {

    public FindingNotFoundException(long id) {
        super("没有编号为 #" + id + " 的核查发现（`findings` 列出全部） ‖ there is no finding #" + id + " (see `findings`)");
    }
}

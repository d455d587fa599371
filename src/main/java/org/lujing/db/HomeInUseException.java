package org.lujing.db;

/** Another {@code serve} holds this home's database: a second one must not start. */
public class HomeInUseException extends IllegalStateException {

    public HomeInUseException(long pid) {
        super("这个数据目录已有另一个 `serve` 在运行（进程 " + pid + "）：请先停止它" + " ‖ " + "another `serve` (pid " + pid
                + ") already runs on this home's database; stop it first");
    }
}

package org.lujing.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lujing.audit.AuditLog;
import org.lujing.db.DatabaseServerClient;
import org.lujing.identity.KeyRotationService;
import org.lujing.report.ReportLanguage;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keys status|rotate}: which key protects the data, and moving it to a new key. Prints key ids, never keys. */
@Command(
        name = "keys",
        description = "The encryption key: its status, and rotation to a new key.",
        subcommands = {KeysCommand.Status.class, KeysCommand.Rotate.class})
class KeysCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code keys status [--json]}. */
    @Command(
            name = "status",
            description = "The current key's id, the keys held, and whether a rotation is unfinished.")
    static class Status implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Option(names = "--json", description = "Print one JSON object and nothing else on stdout.")
        boolean json;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                KeyRotationService.Status s =
                        context.getBean(KeyRotationService.class).status();
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("currentKeyId", s.currentKeyId());
                    m.put("keyIds", s.keyIds());
                    m.put("keySource", s.keySource());
                    m.put("rotationUnfinished", s.unfinished().isPresent());
                    s.unfinished().ifPresent(r -> {
                        m.put("rotationFrom", r.oldKeyId());
                        m.put("rotationTo", r.newKeyId());
                        m.put("rotationStartedAt", r.startedAt().toString());
                    });
                    m.put("subjectsLeft", s.subjectsLeft());
                    m.put("recordsLeft", s.recordsLeft());
                    // a key id the data carries that no configured key is: nothing is written until it is configured
                    m.put("foreignKeyId", s.foreignKeyId().orElse(null));
                    System.out.println(Json.write(m));
                } else {
                    ReportLanguage w = CliWords.lang();
                    System.out.println(w.pick("当前密钥编号：", "current key id: ")
                            + s.currentKeyId()
                            + w.pick("（来自 ", " (from ")
                            + s.keySource()
                            + w.pick("）", ")"));
                    System.out.println(w.pick("持有的密钥：  ", "keys held:      ") + String.join(", ", s.keyIds()));
                    long left = s.subjectsLeft() + s.recordsLeft();
                    if (s.foreignKeyId().isPresent()) {
                        // rotating would fail on the first value: the key the data was written with comes first
                        System.out.println(w.pick(
                                "密钥不符：    已存储的数据用的是密钥 " + s.foreignKeyId().get()
                                        + "，配置的密钥中没有它——请把 LUJING_KEY 或 lujing.key-file 设为那把密钥；在此之前入库会被拒绝",
                                "wrong key:      the stored data was written under key "
                                        + s.foreignKeyId().get()
                                        + ", which no configured key is — set LUJING_KEY or lujing.key-file to it;"
                                        + " ingest is refused until then"));
                        return 0;
                    }
                    System.out.println(s.unfinished()
                            .map(r -> w.pick(
                                    "密钥轮换：    未完成（UNFINISHED），" + r.oldKeyId() + " → " + r.newKeyId() + "，开始于 "
                                            + r.startedAt() + "；还剩 " + s.subjectsLeft() + " 人、" + s.recordsLeft()
                                            + " 条记录——请运行 `keys rotate` 完成",
                                    "rotation:       UNFINISHED, " + r.oldKeyId() + " → " + r.newKeyId() + " since "
                                            + r.startedAt() + "; " + s.subjectsLeft() + " people and "
                                            + s.recordsLeft() + " records left — run `keys rotate` to finish it"))
                            .orElse(w.pick("密钥轮换：    无未完成的轮换", "rotation:       none unfinished")
                                    + (left > 0
                                            ? w.pick(
                                                    "；" + s.subjectsLeft() + " 人、" + s.recordsLeft()
                                                            + " 条记录仍在旧密钥下——请运行 `keys rotate`",
                                                    "; " + s.subjectsLeft() + " people and " + s.recordsLeft()
                                                            + " records are under an older key — run `keys rotate`")
                                            : "")));
                }
            }
            return 0;
        }
    }

    /** {@code keys rotate [--json] [--reason TEXT] [--as NAME]}. */
    @Command(
            name = "rotate",
            description = "Re-encrypt every ID number and phone and rebuild every blind index under a new"
                    + " key, then drop the old key. Stop `serve` first. Interrupted? Run it again: it resumes.")
    static class Rotate implements Callable<Integer> {

        @Mixin
        HomeOptions options;

        @Mixin
        ActorOptions actor;

        @Option(
                names = "--reason",
                paramLabel = "TEXT",
                description = "Why, for the audit log (default: 定期轮换密钥, a scheduled rotation).")
        String reason;

        @Option(names = "--json", description = "Print one JSON object and nothing else on stdout.")
        boolean json;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
                if (context.getEnvironment().getProperty(DatabaseServerClient.CLIENT, Boolean.class, false)) {
                    // through a running serve's database server: its ingest would index new rows under the old key
                    throw new IllegalStateException("`serve` 正在使用这个数据目录：请先停止它，再运行 `keys rotate`"
                            + " ‖ `serve` is running on this home: stop it first, then run `keys rotate`");
                }
                KeyRotationService.Result r =
                        context.getBean(KeyRotationService.class).rotate();
                String why = reason == null || reason.isBlank() ? "定期轮换密钥" : reason;
                boolean issued = r.outcome() == KeyRotationService.Outcome.NEW_KEY_ISSUED;
                context.getBean(AuditLog.class)
                        .record(
                                actor.actor(),
                                issued ? "KEYS_NEW_KEY_ISSUED" : "KEYS_ROTATE",
                                "key " + r.oldKeyId() + " → " + r.newKeyId(),
                                why,
                                issued
                                        ? "new key issued for LUJING_KEY"
                                        : r.subjects() + " people, " + r.records() + " records, " + r.decisions()
                                                + " decisions re-keyed; old key dropped: " + r.oldKeyDropped());
                System.out.print(json ? Json.write(json(r)) + "\n" : text(r));
            }
            return 0;
        }

        static Map<String, Object> json(KeyRotationService.Result r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outcome", r.outcome().name());
            m.put("oldKeyId", r.oldKeyId());
            m.put("newKeyId", r.newKeyId());
            Map<String, Object> rekeyed = new LinkedHashMap<>();
            rekeyed.put("subject", r.subjects());
            rekeyed.put("support_record", r.records());
            rekeyed.put("identity_decision", r.decisions());
            m.put("rekeyed", rekeyed);
            m.put("oldKeyDropped", r.oldKeyDropped());
            if (r.issuedKey() != null) {
                m.put("newKey", r.issuedKey());
            }
            return m;
        }

        static String text(KeyRotationService.Result r) {
            if (r.outcome() == KeyRotationService.Outcome.NEW_KEY_ISSUED && CliWords.lang() == ReportLanguage.ZH) {
                return """
                        密钥来自 LUJING_KEY，Lujing 无法修改它，因此尚未重新加密任何数据（NEW_KEY_ISSUED）。
                        已生成新密钥（编号 %s）；它只显示这一次，不保存在任何地方：

                            %s

                        1. 设置 LUJING_KEY="<新密钥>,<当前密钥>"（新密钥在前，逗号，再接当前使用的密钥，编号 %s）。
                        2. 再次运行 `keys rotate`：它会在新密钥下重新加密全部数据。
                        3. 显示完成后，把 LUJING_KEY 改为只含新密钥。
                        """.formatted(r.newKeyId(), r.issuedKey(), r.oldKeyId());
            }
            if (r.outcome() == KeyRotationService.Outcome.NEW_KEY_ISSUED) {
                return """
                        The key comes from LUJING_KEY, which Lujing cannot change. Nothing was re-encrypted yet.
                        A new key (id %s) was generated; it is shown this once and stored nowhere:

                            %s

                        1. Set LUJING_KEY="<new key>,<current key>" (new first, comma, then the key in use now, id %s).
                        2. Run `keys rotate` again: it re-encrypts everything under the new key.
                        3. When it says done, set LUJING_KEY to the new key alone.
                        """.formatted(r.newKeyId(), r.issuedKey(), r.oldKeyId());
            }
            ReportLanguage w = CliWords.lang();
            StringBuilder out = new StringBuilder();
            out.append(w.pick("密钥轮换 ", "key rotation "))
                    .append(r.oldKeyId())
                    .append(" → ")
                    .append(r.newKeyId())
                    .append(w.pick("：", ": "))
                    .append(w.pick(r.outcome() == KeyRotationService.Outcome.DONE ? "已完成" : "未完成", ""))
                    .append(w.pick("（" + r.outcome() + "）", r.outcome().name()))
                    .append('\n');
            out.append(w.pick("  重新加密的人员（subject）：          ", "  people (subject) re-encrypted:          "))
                    .append(r.subjects())
                    .append('\n');
            out.append(w.pick("  重建索引的记录（support_record）：   ", "  records (support_record) re-keyed:      "))
                    .append(r.records())
                    .append('\n');
            out.append(w.pick("  迁移的管理员判定（identity_decision）：", "  admin decisions (identity_decision):    "))
                    .append(r.decisions())
                    .append('\n');
            if (r.oldKeyDropped()) {
                out.append(
                        w.pick(
                                "旧密钥已删除：密钥文件只保存新密钥。请立即备份密钥文件；旧密钥的备份只能打开本次轮换之前的数据库备份。\n",
                                "The old key is dropped: the key file holds the new key alone. Back up the key file now;"
                                        + " a backup of the old key opens only database backups taken before this rotation.\n"));
            } else if (r.outcome() == KeyRotationService.Outcome.DONE) {
                out.append(w.pick(
                        "所有数据都已在新密钥下。请把 LUJING_KEY 改为只含新密钥（删除旧密钥）。\n",
                        "Everything is under the new key. Set LUJING_KEY to the new key alone (drop the old one).\n"));
            }
            return out.toString();
        }
    }
}

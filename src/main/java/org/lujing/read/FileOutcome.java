package org.lujing.read;

/** What became of a file, in domain.md's words; the quarantine outcomes mean nothing of it reached the ledger. */
public enum FileOutcome {
    IN_PROGRESS(false, "处理中", "In progress"),
    LOADED(false, "已载入", "Loaded"),
    LOADED_WITH_REJECTS(false, "已载入，部分行拒收", "Loaded, some rows rejected"),
    DUPLICATE_FILE(false, "重复文件，未重复计入", "Duplicate file, not counted again"),
    /** Loaded, then taken back out of the ledger by an admin (files withdraw); its entry and archived copy stay. */
    WITHDRAWN(false, "已撤回", "Withdrawn"),
    FILE_CORRUPT(true, "文件损坏，已隔离", "Corrupt, quarantined"),
    FILE_ENCRYPTED(true, "文件加密，已隔离", "Encrypted, quarantined"),
    FILE_UNSAFE(true, "文件不安全，已隔离", "Unsafe, quarantined"),
    FILE_TOO_LARGE(true, "文件过大，已隔离", "Too large, quarantined"),
    FILE_UNSUPPORTED(true, "格式不支持，已隔离", "Unsupported format, quarantined"),
    NO_TABLE_FOUND(true, "未找到表格，已隔离", "No table found, quarantined");

    private final boolean quarantined;
    private final String zh;
    private final String en;

    FileOutcome(boolean quarantined, String zh, String en) {
        this.quarantined = quarantined;
        this.zh = zh;
        this.en = en;
    }

    /** The outcome in Chinese words, as workers read it. */
    public String zh() {
        return zh;
    }

    /** The outcome in English words. */
    public String en() {
        return en;
    }

    /**
     * The outcome an operator typed a filter as: its code in any case, or its words in either language ({@code
     * 未找到表格，已隔离}, {@code no table found, quarantined}); a mistyped one is refused with the outcomes listed, not
     * answered with an empty list.
     */
    public static FileOutcome parse(String typed) {
        String wanted = typed == null ? "" : typed.strip();
        for (FileOutcome o : values()) {
            if (o.name().equalsIgnoreCase(wanted) || o.zh.equals(wanted) || o.en.equalsIgnoreCase(wanted)) {
                return o;
            }
        }
        StringBuilder zh = new StringBuilder();
        StringBuilder en = new StringBuilder();
        for (FileOutcome o : values()) {
            zh.append(zh.length() == 0 ? "" : "、")
                    .append(o.zh)
                    .append("（")
                    .append(o.name())
                    .append("）");
            en.append(en.length() == 0 ? "" : ", ").append(o.name());
        }
        throw new IllegalArgumentException("没有结果“" + wanted + "”；文件的结果有 " + zh + " ‖ there is no outcome '" + wanted
                + "'; the outcomes are " + en);
    }

    /** True when the file is refused whole and moved to quarantine/. */
    public boolean quarantined() {
        return quarantined;
    }
}

package org.lujing.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.lujing.files.PrivateFiles;
import org.lujing.home.LujingProperties;
import org.lujing.home.TerminalLanguage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;

/**
 * Finds the keys: {@code LUJING_KEY} (base64 of 32 bytes; during a key rotation "new,old", comma-separated) wins;
 * otherwise the key file of {@code lujing.key-file} (one base64 key a line, the current key first, previous keys
 * after it only while a rotation is unfinished); a first run with neither creates that file (0600) and says so.
 */
@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeyConfiguration.class);

    @Bean
    KeyRing keyRing(Environment env, LujingProperties properties) {
        String fromEnv = env.getProperty("LUJING_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new KeyRing(parse(fromEnv, "LUJING_KEY"), null);
        }
        loadOrCreate(properties.keyFile());
        return new KeyRing(readAll(properties.keyFile()), properties.keyFile());
    }

    /**
     * The current key, asked for anew at each injection (step-scoped readers get one per file), so that work started
     * after a rotation in the same process encrypts and indexes under the new key.
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    IdentityCipher identityCipher(KeyRing ring) {
        return ring.current();
    }

    /** The current (first) key of the key file, creating the file with a fresh key when there is none. */
    static byte[] loadOrCreate(Path keyFile) {
        try {
            if (Files.isRegularFile(keyFile)) {
                return readAll(keyFile).get(0);
            }
            Path dir = keyFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            PrivateFiles.restrict(dir, "rwx------");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            byte[] line = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
            if (!PrivateFiles.writeNew(keyFile, out -> out.write(line))) {
                // another process created the key file first: use its key
                return readAll(keyFile).get(0);
            }
            // the operator reads this on the terminal at the first command: in their language only
            String message = !TerminalLanguage.english()
                    ? "已在 " + keyFile.toAbsolutePath() + " 创建新的加密密钥（权限 0600）。请备份，并与数据分开保存："
                            + "没有它，已存储的身份证号和电话将无法读取。要使用存放在别处的密钥，请设置 LUJING_KEY 或 lujing.key-file。"
                    : "Created a new encryption key at " + keyFile.toAbsolutePath()
                            + " (permissions 0600). Back it up and keep it apart from the data: without it the stored ID"
                            + " numbers and phones cannot be read. Set LUJING_KEY or lujing.key-file to use a key kept"
                            + " elsewhere.";
            org.lujing.home.OperatorNotice.say(log, message);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + keyFile, e);
        }
    }

    /** Every key of a key file, current first. */
    static List<byte[]> readAll(Path keyFile) {
        try {
            return parse(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + keyFile, e);
        }
    }

    /** Keys separated by newlines or commas; blank entries and {@code #} comment lines are ignored. */
    static List<byte[]> parse(String text, String where) {
        List<byte[]> keys = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            for (String entry : line.split(",")) {
                if (!entry.isBlank()) {
                    keys.add(decode(entry, where + (keys.isEmpty() ? "" : " (key " + (keys.size() + 1) + ")")));
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(where + " 里没有密钥：它应是 32 字节密钥的 base64" + org.lujing.ledger.Bilingual.SEPARATOR
                    + where + " holds no key: it must hold base64 of 32 bytes");
        }
        return keys;
    }

    /**
     * Replaces the key file in one atomic move of a private temporary file written beside it: a crash leaves either
     * the old file or the new one, never half of one.
     */
    static void write(Path keyFile, List<byte[]> keys) {
        StringBuilder text = new StringBuilder();
        keys.forEach(k -> text.append(Base64.getEncoder().encodeToString(k)).append('\n'));
        try {
            PrivateFiles.write(keyFile, out -> out.write(text.toString().getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file " + keyFile, e);
        }
    }

    static byte[] decode(String base64, String where) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            if (key.length != 32) {
                throw new IllegalStateException(where + " 应是 32 字节密钥的 base64，实际是 " + key.length + " 字节"
                        + org.lujing.ledger.Bilingual.SEPARATOR + where + " must hold base64 of 32 bytes, found "
                        + key.length + " bytes");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    where + " 不是有效的 base64" + org.lujing.ledger.Bilingual.SEPARATOR + where + " is not valid base64",
                    e);
        }
    }
}

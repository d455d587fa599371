package org.lujing.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.lujing.LujingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Finds the master key: {@code LUJING_KEY} (base64 of 32 bytes) wins; otherwise the key file of
 * {@code lujing.key-file}; a first run with neither creates that file (0600) and says so.
 */
@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeyConfiguration.class);

    @Bean
    IdentityCipher identityCipher(Environment env, LujingProperties properties) {
        String fromEnv = env.getProperty("LUJING_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new IdentityCipher(decode(fromEnv, "LUJING_KEY"));
        }
        return new IdentityCipher(loadOrCreate(properties.keyFile()));
    }

    static byte[] loadOrCreate(Path keyFile) {
        try {
            if (Files.isRegularFile(keyFile)) {
                return decode(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile.toString());
            }
            Path dir = keyFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(dir, ".lujing-key", ".tmp");
            restrict(tmp, "rw-------");
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, keyFile);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
                return decode(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile.toString());
            }
            String message = "Created a new encryption key at " + keyFile.toAbsolutePath()
                    + " (permissions 0600). Back it up and keep it apart from the data: without it the stored ID numbers"
                    + " and phones cannot be read. Set LUJING_KEY or lujing.key-file to use a key kept elsewhere.";
            log.warn(message);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + keyFile, e);
        }
    }

    private static void restrict(Path path, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile ACLs apply; nothing finer to set here.
        }
    }

    static byte[] decode(String base64, String where) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            if (key.length != 32) {
                throw new IllegalStateException(where + " must hold base64 of 32 bytes, found " + key.length + " bytes");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not valid base64", e);
        }
    }
}

package org.lujing.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * Makes {@code data/} private (0700) before the embedded database first opens it: HSQLDB creates its folder and
 * files with the process's umask (typically 0755 and 0644), which would let any local user read the database files,
 * and {@code data/} also holds the server's secret file. The archive and the keys are already private.
 */
class PrivateDataFolder implements BeanPostProcessor {

    private static final String FILE_URL = "jdbc:hsqldb:file:";

    private final Environment env;

    PrivateDataFolder(Environment env) {
        this.env = env;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource) {
            String url = env.getProperty("spring.datasource.url", "");
            if (url.startsWith(FILE_URL)) {
                restrict(Path.of(url.substring(FILE_URL.length()).split(";", 2)[0])
                        .toAbsolutePath()
                        .getParent());
            }
        }
        return bean;
    }

    static void restrict(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own ACLs apply
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + folder + " private (0700)", e);
        }
    }
}

package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every label a template asks for exists in Chinese and in English, and the two files have the same keys: a missing
 * one would show as {@code ??key_zh_CN??} on the page.
 */
class ConsoleMessagesTests {

    static final Path RESOURCES = Path.of("src/main/resources");
    static final Pattern MESSAGE = Pattern.compile("#\\{([a-zA-Z][\\w.]*)");
    static final Pattern FLASH = Pattern.compile("\"((?:job|finding|sources)\\.[\\w.]+\\.done)\"");

    @Test
    void bothLanguagesHaveEveryLabelTheTemplatesAndControllersUse() throws IOException {
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");
        assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(zh.stringPropertyNames());

        Set<String> used = new TreeSet<>();
        collect(RESOURCES.resolve("templates"), MESSAGE, used);
        collect(Path.of("src/main/java/org/lujing/console"), FLASH, used);
        assertThat(used).as("labels in use").hasSizeGreaterThan(50);
        assertThat(zh.stringPropertyNames()).containsAll(used);
    }

    private static void collect(Path dir, Pattern pattern, Set<String> into) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Matcher m = pattern.matcher(Files.readString(f));
                while (m.find()) {
                    into.add(m.group(1));
                }
            }
        }
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}

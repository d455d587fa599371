package org.lujing.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source definition an admin got wrong is refused naming its file and what is wrong, and the old ones stay. */
class SourceCatalogTests {

    @TempDir
    Path dir;

    @Test
    void aBrokenEditIsNamedInWordsAndTheSourcesInUseStay() throws IOException {
        Files.writeString(dir.resolve("hospital.yaml"), "id: hospital\nagency: 湖南航天医院\nformats: [xlsx]\n");
        SourceCatalog catalog = new SourceCatalog(dir);

        // a flow sequence left open on line 3
        Files.writeString(dir.resolve("broken.yaml"), "id: broken\nagency: 某单位\nformats: [xlsx, csv\n");
        assertThatThrownBy(catalog::reload)
                .hasMessageStartingWith("数据来源配置 jobs/sources/broken.yaml：不是有效的 YAML（第 ")
                .hasMessageContaining("is not valid YAML");
        assertThat(catalog.all()).extracting(SourceDefinition::id).containsExactly("hospital");

        Files.writeString(dir.resolve("broken.yaml"), "id: broken\nagency: 某单位\ncadence: fortnightly\n");
        assertThatThrownBy(catalog::reload).hasMessageContaining("cadence “fortnightly” 不可用");

        Files.writeString(dir.resolve("broken.yaml"), "id: broken\n");
        assertThatThrownBy(catalog::reload).hasMessageStartingWith("数据来源配置 jobs/sources/broken.yaml：缺少 agency");
    }
}

package org.lujing.home;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Lujing reads its installation (routes, jobs) and writes everything else (the home).
 *
 * @param home root of all the application writes: data/, inbox/, archive/, quarantine/, reports/
 * @param jobsDir source and job definitions, normally {@code <installation>/jobs}
 * @param routesDir Camel YAML routes, normally {@code <installation>/routes}
 * @param keyFile the key file used when {@code LUJING_KEY} is not set
 * @param ingest ingest tuning
 */
@ConfigurationProperties("lujing")
public record LujingProperties(Path home, Path jobsDir, Path routesDir, Path keyFile, Ingest ingest) {

    /**
     * @param chunkSize rows staged together (one commit of the staging step)
     * @param maxFileBytes files larger than this are refused as FILE_TOO_LARGE
     * @param publishSliceRows staged rows published into the ledger in one transaction, at most
     * @param publishSliceBytes bytes of the staging file published in one transaction, at most (a slice ends at
     *     whichever bound it reaches first, with at least one row): what a slice holds in the heap stays bounded
     *     however wide the rows are
     */
    public record Ingest(
            @DefaultValue("5000") int chunkSize,
            @DefaultValue("209715200") long maxFileBytes,
            @DefaultValue("20000") int publishSliceRows,
            @DefaultValue("16777216") long publishSliceBytes) {}

    public Path data() {
        return home.resolve("data");
    }

    public Path inbox() {
        return home.resolve("inbox");
    }

    public Path archive() {
        return home.resolve("archive");
    }

    public Path quarantine() {
        return home.resolve("quarantine");
    }

    public Path reports() {
        return home.resolve("reports");
    }
}

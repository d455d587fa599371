package org.lujing.report.delivery;

import java.io.File;
import java.nio.file.Path;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.lujing.LujingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans of the report-delivery route (routes/report-delivery.camel.yaml): the record of report versions already
 * delivered, kept on disk so that a restart does not deliver every report again.
 */
@Configuration(proxyBeanMethods = false)
class ReportDeliveryConfiguration {

    /** One line per delivered version; far more than a home's reports, so none is forgotten in practice. */
    static final int REMEMBERED_VERSIONS = 100_000;

    /**
     * Keys are {@code <path under reports/>|<size>|<modified>} (the route's idempotentKey), so a report written
     * again for the same period is a new version and is delivered again, while an unchanged one is never re-sent.
     */
    @Bean
    IdempotentRepository reportDeliveryRepository(LujingProperties properties) {
        Path store = properties.data().resolve("report-delivery.idempotent");
        return FileIdempotentRepository.fileIdempotentRepository(new File(store.toString()), REMEMBERED_VERSIONS);
    }
}

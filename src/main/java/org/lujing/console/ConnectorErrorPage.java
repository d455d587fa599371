package org.lujing.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat answers some requests itself, before the console sees them: a request line or headers over 8 KB (a very
 * long filter address), a request it cannot parse. It answered with its own report, "HTTP Status 400 – Bad Request",
 * in English. Its report valve now sends the console's page for every such status instead: in Chinese first, English
 * beneath (the valve cannot read the language chosen), with the way back to the dashboard. What the console itself
 * refuses still gets the console's error page in the chosen language.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConnectorErrorPage {

    static final String PAGE = """
            <!DOCTYPE html>
            <html lang="zh">
            <head><meta charset="utf-8"><title>麓景 · 社区矫正帮扶台账</title><link rel="stylesheet" href="/css/console.css"></head>
            <body>
            <main class="card narrow">
              <h1>请求未被受理</h1>
              <p>地址或请求头过长，或请求的格式不对。请回到总览重新操作；如果一再出现，请联系管理员。</p>
              <p lang="en">The request was not accepted: its address or headers are too long, or it is malformed. Go back
              to the dashboard and try again.</p>
              <p><a href="/">总览 Dashboard</a></p>
            </main>
            </body>
            </html>
            """;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectorErrorPageCustomizer() {
        Path page = written();
        return factory ->
                factory.addContextCustomizers(context -> context.getParent().addLifecycleListener(event -> {
                    // the host's valves are all in place once it has started, before the connector takes requests
                    if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
                        for (Valve valve : context.getParent().getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve report) {
                                report.setShowReport(false);
                                report.setShowServerInfo(false);
                                // errorCode.0: every status the valve reports
                                report.setProperty("errorCode.0", page.toString());
                            }
                        }
                    }
                }));
    }

    /** The page as a file of its own (the valve sends a file), removed when the process ends. */
    private static Path written() {
        try {
            Path page = Files.createTempFile("lujing-connector-error", ".html");
            page.toFile().deleteOnExit();
            Files.writeString(page, PAGE, StandardCharsets.UTF_8);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the connector's error page", e);
        }
    }
}

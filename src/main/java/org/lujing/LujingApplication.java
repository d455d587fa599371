package org.lujing;

import org.lujing.cli.LujingCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application; {@link #main} hands the command line to picocli first. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LujingApplication {

    public static void main(String[] args) {
        System.exit(LujingCommand.run(args));
    }
}

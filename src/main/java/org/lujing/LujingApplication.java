package org.lujing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring application: every module under {@code org.lujing} (see {@code ModularityTests} and the module
 * documentation). The process starts in the command line ({@code org.lujing.cli.LujingCommand#main}), which starts this
 * application for the commands that need it; so the application knows nothing of the command line.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LujingApplication {}

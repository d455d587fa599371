package org.lujing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the feature packages from forming cycles and the value layers free of frameworks. */
class ArchitectureTests {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // also when the build directory is not target/ (-Dlujing.build.dir)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("org.lujing");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.lujing.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void normalisationIsPlainJava() {
        noClasses()
                .that()
                .resideInAPackage("org.lujing.normalise..")
                // its package-info declares the module (ModularityTests); no code uses a framework
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.camel..", "org.apache.poi..")
                .check(CLASSES);
    }

    @Test
    void readersKnowNothingOfTheLedgerStoreOrTheJobs() {
        noClasses()
                .that()
                .resideInAPackage("org.lujing.read..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.lujing.ingest..",
                        "org.springframework.jdbc..",
                        "org.springframework.batch..",
                        "org.lujing.cli..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLineTalksToTheTerminal() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.lujing.cli..")
                .should()
                .accessField(System.class, "out")
                .check(CLASSES);
    }
}

package io.liveinsight.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.liveinsight.ingest");

    @Test
    void packages_whenChecked_formNoCycle() {
        slices().matching("io.liveinsight.ingest.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void domain_whenChecked_dependsOnNoEdgeAdapterOrAwsType() {
        noClasses()
                .that()
                .resideInAPackage("..ingest.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..",
                        "com.amazonaws..",
                        "..ingest.http..",
                        "..ingest.adapter..",
                        "..ingest.handler..",
                        "..ingest.config..")
                .check(classes);
    }

    @Test
    void limits_whenChecked_dependOnNoEdgeAdapterOrAwsType() {
        noClasses()
                .that()
                .resideInAPackage("..ingest.limits..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..",
                        "com.amazonaws..",
                        "..ingest.http..",
                        "..ingest.adapter..",
                        "..ingest.handler..",
                        "..ingest.config..")
                .check(classes);
    }

    @Test
    void ports_whenChecked_dependOnNoAwsSdkOrLambdaTypes() {
        noClasses()
                .that()
                .resideInAPackage("..ingest.port..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "com.amazonaws..", "..ingest.adapter..", "..ingest.handler..")
                .check(classes);
    }

    @Test
    void http_whenChecked_dependsOnNoAdapterHandlerOrAwsType() {
        noClasses()
                .that()
                .resideInAPackage("..ingest.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "com.amazonaws..", "..ingest.adapter..", "..ingest.handler..")
                .check(classes);
    }
}

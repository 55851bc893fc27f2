package io.liveinsight.processor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final com.tngtech.archunit.core.domain.JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.liveinsight.processor");

    @Test
    void packages_whenChecked_formNoCycle() {
        slices().matching("io.liveinsight.processor.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void domain_whenChecked_dependsOnNoAwsSdkOrKcl() {
        noClasses()
                .that()
                .resideInAPackage("..processor.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "..processor.adapter..", "..processor.consumer..")
                .check(classes);
    }

    @Test
    void progress_whenChecked_isPureAndKnowsNoKcl() {
        noClasses()
                .that()
                .resideInAPackage("..processor.progress..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "..processor.consumer..", "..processor.adapter..")
                .check(classes);
    }

    @Test
    void enrichment_whenChecked_isPureAndKnowsNoParserLibrary() {
        noClasses()
                .that()
                .resideInAPackage("..processor.enrichment..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..", "nl.basjes..", "..processor.adapter..", "..processor.consumer..")
                .check(classes);
    }

    @Test
    void userAgentLibrary_whenChecked_isUsedByItsAdapterAlone() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..processor.adapter.useragent..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("nl.basjes..")
                .check(classes);
    }

    @Test
    void archive_whenChecked_isPureAndKnowsNoKcl() {
        // The buffering policy, the writer's retries and the port: the file adapter (archive.file) and the KCL glue
        // (consumer) depend on them, never the other way round.
        noClasses()
                .that()
                .resideInAPackage("..processor.archive")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..", "..processor.consumer..", "..processor.adapter..", "..archive.file..")
                .check(classes);
    }

    @Test
    void ports_whenChecked_dependOnNoAwsSdk() {
        noClasses()
                .that()
                .resideInAPackage("..processor.port..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon..")
                .check(classes);
    }
}

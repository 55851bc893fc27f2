package io.liveinsight.event;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.liveinsight.event");

    @Test
    void eventModel_whenChecked_dependsOnNoAwsOrOtherModule() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..", "com.amazonaws..", "io.liveinsight.ingest..", "io.liveinsight.processor..")
                .check(classes);
    }

    /** Every package is a slice, the root one included (its classes are the event contract). */
    @Test
    void packages_whenChecked_formNoCycle() {
        slices().matching("io.liveinsight.(**)").should().beFreeOfCycles().check(classes);
    }
}

package io.liveinsight.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.liveinsight.ingest");

    @Test
    void domainAndPorts_whenChecked_dependOnNoAwsSdkOrLambdaTypes() {
        noClasses()
                .that()
                .resideInAnyPackage("..ingest.domain..", "..ingest.port..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "com.amazonaws..", "..ingest.adapter..", "..ingest.handler..")
                .check(classes);
    }
}

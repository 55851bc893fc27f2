package io.liveinsight.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.liveinsight.dashboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPure = noClasses()
            .that()
            .resideInAnyPackage("..dashboard.domain..", "..dashboard.port..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "software.amazon..", "com.amazonaws..", "..dashboard.adapter..", "..dashboard.handler..");

    @ArchTest
    static final ArchRule onlyTheAdapterTalksToDynamoDb = noClasses()
            .that()
            .resideOutsideOfPackages("..dashboard.adapter..", "..dashboard.handler..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon.awssdk.services.dynamodb..");
}

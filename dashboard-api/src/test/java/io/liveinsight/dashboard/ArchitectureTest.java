package io.liveinsight.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.liveinsight.dashboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("io.liveinsight.dashboard.(*)..").should().beFreeOfCycles();

    /** The statistics and session views: no HTTP, no storage, no AWS. */
    @ArchTest
    static final ArchRule domainIsPure = noClasses()
            .that()
            .resideInAPackage("..dashboard.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "software.amazon..",
                    "com.amazonaws..",
                    "io.liveinsight.lambda..",
                    "..dashboard.http..",
                    "..dashboard.handler..",
                    "..dashboard.adapter..",
                    "..dashboard.config..",
                    "..dashboard.port..");

    @ArchTest
    static final ArchRule portsKnowNoAwsNorEdge = noClasses()
            .that()
            .resideInAPackage("..dashboard.port..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "software.amazon..",
                    "com.amazonaws..",
                    "..dashboard.adapter..",
                    "..dashboard.handler..",
                    "..dashboard.http..");

    /** Routing, CORS, token and statuses: plain HTTP, whatever front carries it; no Lambda event, no SDK. */
    @ArchTest
    static final ArchRule httpKnowsNoLambdaNorStorage = noClasses()
            .that()
            .resideInAPackage("..dashboard.http..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "software.amazon..", "com.amazonaws..", "..dashboard.adapter..", "..dashboard.handler..");

    /** Storage formats (segment ids, format-1 attributes) are read by the adapter: the router gets session views. */
    @ArchTest
    static final ArchRule httpReadsNoSessionIds = noClasses()
            .that()
            .resideInAPackage("..dashboard.http..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("io.liveinsight.event.SessionIds");

    /**
     * How a site's ids are stored (docs/contract/sites.md#isolation) is the adapter's: the router and the domain speak
     * the client's ids and a site id, never a site's key, and know no registry adapter.
     */
    @ArchTest
    static final ArchRule onlyTheAdapterKnowsTheSitesKeys = noClasses()
            .that()
            .resideOutsideOfPackages("..dashboard.adapter..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("io.liveinsight.event.site.SiteScope")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("io.liveinsight.sites.dynamodb..");

    @ArchTest
    static final ArchRule onlyTheAdapterTalksToDynamoDb = noClasses()
            .that()
            .resideOutsideOfPackages("..dashboard.adapter..", "..dashboard.handler..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon.awssdk.services.dynamodb..");
}

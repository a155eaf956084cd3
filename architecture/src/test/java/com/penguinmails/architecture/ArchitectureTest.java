package com.penguinmails.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules the modules keep, checked on every production class. Maven already forbids cycles between modules;
 * these go further, to packages and to what a layer may touch.
 */
@AnalyzeClasses(packages = "com.penguinmails", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The capabilities' domain code: free of Lambda types, and of AWS types outside their adapters. */
    private static final String[] DOMAIN = {"com.penguinmails.core..", "com.penguinmails.identity..",
        "com.penguinmails.sending..", "com.penguinmails.eventlog..", "com.penguinmails.analytics..", "com.penguinmails.campaigns..", "com.penguinmails.workflows.."};

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("com.penguinmails.(**)")
            .as("packages of com.penguinmails").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainCodeUsesNoLambdaTypes = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("com.amazonaws.services.lambda..")
            .because("handlers (the functions modules) translate Lambda events; the domain never sees them");

    @ArchTest
    static final ArchRule domainCodeUsesAwsOnlyInAdapters = noClasses().that().resideInAnyPackage(DOMAIN)
            .and().resideOutsideOfPackages("..internal..", "com.penguinmails.core.platform..")
            .and().haveSimpleNameNotEndingWith("Wiring")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..")
            .because("AWS calls live in internal adapters behind our own ports, so services test on in-memory fakes"
                    + " (core.platform builds the clients, the *Wiring classes plug adapters in)");

    @ArchTest
    static final ArchRule handlersCallServicesNeverStores = noClasses().that().resideInAPackage("com.penguinmails.functions..")
            .should().callMethodWhere(describe("a method of a store or an internal adapter",
                    (JavaMethodCall call) -> isStore(call.getTargetOwner())))
            .because("a handler parses, calls one domain service and maps the result; stores are the services' business");

    @ArchTest
    static final ArchRule capabilitiesDependOnlyDownwards = noClasses().that().resideInAnyPackage("com.penguinmails.core..")
            .should().dependOnClassesThat().resideInAnyPackage("com.penguinmails.identity..", "com.penguinmails.sending..",
                    "com.penguinmails.eventlog..", "com.penguinmails.analytics..", "com.penguinmails.campaigns..", "com.penguinmails.workflows..",
                    "com.penguinmails.mailadapters..",
                    "com.penguinmails.functions..");

    @ArchTest
    static final ArchRule producersKnowNothingOfAnalytics = noClasses().that().resideInAnyPackage("com.penguinmails.identity..",
                    "com.penguinmails.sending..", "com.penguinmails.eventlog..", "com.penguinmails.mailadapters..")
            .should().dependOnClassesThat().resideInAnyPackage("com.penguinmails.analytics..")
            .because("analytics consumes platform events; the capabilities that publish them never reach into it");

    @ArchTest
    static final ArchRule identityKnowsNothingOfSending = noClasses().that().resideInAnyPackage("com.penguinmails.identity..")
            .should().dependOnClassesThat().resideInAnyPackage("com.penguinmails.sending..", "com.penguinmails.eventlog..",
                    "com.penguinmails.mailadapters..", "com.penguinmails.functions..");

    @ArchTest
    static final ArchRule domainKnowsNoHandlersNorRuntime = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("com.penguinmails.functions..", "com.penguinmails.local..",
                    "com.penguinmails.mailadapters..", "com.penguinmails.infra..");

    private static boolean isStore(JavaClass owner) {
        String name = owner.getSimpleName();
        return owner.getPackageName().endsWith(".internal") || owner.getPackageName().contains(".internal.")
                || name.endsWith("Store") || name.equals("SendLedger") || name.equals("AuditLog") || name.equals("DueMessages");
    }
}

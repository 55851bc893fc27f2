package io.liveinsight.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** The CDK app: {@code npx cdk synth -c stage=prod} (see the README for every setting). */
public final class LiveInsightApp {

    private LiveInsightApp() {}

    public static void main(String[] args) {
        App app = new App();
        InfraConfig config = InfraConfig.read(key -> app.getNode().tryGetContext(key), System.getenv());
        stack(app, config);
        app.synth();
    }

    /** The stage's stack in the account and region of the CLI's credentials (none needed to synth). */
    public static LiveInsightStack stack(App app, InfraConfig config) {
        StackProps props = StackProps.builder()
                .description(
                        "LiveInsight real-time analytics (" + config.stage().id() + ")")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .terminationProtection(config.isProd())
                .build();
        return new LiveInsightStack(app, config, props);
    }
}

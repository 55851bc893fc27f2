package io.liveinsight.event.contract;

/**
 * Names every module falls back to when nothing is configured (docs/contract/local.md), and the pattern of a deployed
 * stage's names: {@code <stage>-LiveInsight-<suffix>}.
 */
public final class Defaults {

    public static final String APP_NAME = "LiveInsight";
    /** The table prefix outside a CDK deployment (local stack, tests): tables {@code LiveInsight-Events}... */
    public static final String TABLE_PREFIX = APP_NAME;

    public static final String STREAM_NAME = APP_NAME + "-Events";
    public static final String DEAD_LETTER_STREAM = APP_NAME + "-DeadLetters";
    /** The KCL application name, which is also the name of its lease table. */
    public static final String APPLICATION_NAME = APP_NAME + "-StreamProcessor";

    public static final String REGION = "us-east-1";
    /** The stage of a process not deployed by the CDK app: its metrics never mix with a deployed stage's. */
    public static final String STAGE = "local";
    /** What a stage may be: a CloudWatch dimension value, kept to letters, digits, {@code .}, {@code _}, {@code -}. */
    public static final String STAGE_PATTERN = "[A-Za-z0-9._-]{1,64}";

    private Defaults() {}

    /** The stage itself, or an error naming the variable and the rule. */
    public static String checkStage(String stage) {
        if (stage == null || !stage.matches(STAGE_PATTERN)) {
            throw new IllegalArgumentException("STAGE must match " + STAGE_PATTERN + ", is " + stage);
        }
        return stage;
    }

    /** A deployed stage's prefix: {@code dev-LiveInsight}, the stack name and the start of every resource name. */
    public static String stagePrefix(String stage) {
        return stage + "-" + APP_NAME;
    }
}

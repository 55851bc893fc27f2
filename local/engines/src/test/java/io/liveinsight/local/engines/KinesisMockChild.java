package io.liveinsight.local.engines;

/** Run in a child JVM by {@link KinesisMockEngineTest}: starts kinesis-mock, reports, then waits to be killed. */
public final class KinesisMockChild {

    private KinesisMockChild() {}

    public static void main(String[] args) throws InterruptedException {
        KinesisMockEngine engine = KinesisMockEngine.start(0);
        long node = ProcessHandle.current().children().findFirst().orElseThrow().pid();
        System.out.println("ready " + engine.port() + " " + node);
        System.out.flush();
        Thread.sleep(120_000); // the test kills this JVM long before
    }
}

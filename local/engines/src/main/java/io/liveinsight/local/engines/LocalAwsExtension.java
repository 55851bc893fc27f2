package io.liveinsight.local.engines;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit 5 extension behind {@link WithLocalAws}: one {@link LocalAws} per test JVM, closed at its end. */
public final class LocalAwsExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalAwsExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return localAws(context);
    }

    /** The JVM-wide engines, started on first use; also for other extensions that need them. */
    public static LocalAws localAws(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Engines.class, type -> new Engines(LocalAws.startOnFreePorts()), Engines.class)
                .localAws();
    }

    /** Held in the root store, so JUnit closes it once every test of the JVM has run. */
    private record Engines(LocalAws localAws) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            localAws.close();
        }
    }
}

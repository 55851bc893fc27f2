package io.liveinsight.local.engines;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class the local engines: declare a {@link LocalAws} parameter (constructor, test or lifecycle
 * method). The engines start once per test JVM, on free ports, and stop when the JVM's tests are done.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalAwsExtension.class)
public @interface WithLocalAws {}

package org.originhub.registry.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.originhub.registry.persistence.InstantConverter;
import org.originhub.registry.persistence.MariaDbPlatform;

/**
 * EclipseLink outside the container, for persistence tests against the embedded MariaDB with the real migrations
 * (schema generation stays off, as in production). Boundaries are plain objects in these tests: set their
 * {@code em} field and run the call inside {@link #inTransaction}.
 */
public final class TestPersistence implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger UNITS = new java.util.concurrent.atomic.AtomicInteger();

    private final EntityManagerFactory factory;

    private TestPersistence(EntityManagerFactory factory) {
        this.factory = factory;
    }

    /** A persistence unit of the given entity classes (the Instant converter is always included). */
    public static TestPersistence of(DataSource dataSource, Class<?>... managed) {
        List<String> classes = new ArrayList<>();
        classes.add(InstantConverter.class.getName());
        Arrays.stream(managed).map(Class::getName).forEach(classes::add);
        Properties properties = new Properties();
        properties.put("eclipselink.target-database", MariaDbPlatform.class.getName());
        properties.put("eclipselink.ddl-generation", "none");
        properties.put("eclipselink.logging.level", "WARNING");
        properties.put("eclipselink.weaving", "false");
        // as the hub's persistence.xml: inserts and updates in JDBC batches
        properties.put("eclipselink.jdbc.batch-writing", "JDBC");
        properties.put("eclipselink.jdbc.batch-writing.size", "100");
        // A unit name of its own: EclipseLink shares one session per unit name while a factory of that name is open,
        // so a second unit with other classes would silently get the first one's (test classes share a JVM).
        return new TestPersistence(new PersistenceProvider().createContainerEntityManagerFactory(
                new Unit("hub-test-" + UNITS.incrementAndGet(), dataSource, classes, properties), Map.of()));
    }

    public EntityManager entityManager() {
        return factory.createEntityManager();
    }

    /** Runs {@code work} in one transaction on a new EntityManager; rolls back if it throws. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        tx.begin();
        try {
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    public void inTransaction(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    @Override
    public void close() {
        factory.close();
    }

    private record Unit(String name, DataSource dataSource, List<String> classes, Properties properties)
            implements PersistenceUnitInfo {

        @Override
        public String getPersistenceUnitName() {
            return name;
        }

        @Override
        public String getPersistenceProviderClassName() {
            return PersistenceProvider.class.getName();
        }

        @Override
        public PersistenceUnitTransactionType getTransactionType() {
            return PersistenceUnitTransactionType.RESOURCE_LOCAL;
        }

        @Override
        public DataSource getJtaDataSource() {
            return null;
        }

        @Override
        public DataSource getNonJtaDataSource() {
            return dataSource;
        }

        @Override
        public List<String> getMappingFileNames() {
            return List.of();
        }

        @Override
        public List<URL> getJarFileUrls() {
            return List.of();
        }

        @Override
        public URL getPersistenceUnitRootUrl() {
            return TestPersistence.class.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        public List<String> getManagedClassNames() {
            return classes;
        }

        @Override
        public boolean excludeUnlistedClasses() {
            return true;
        }

        @Override
        public SharedCacheMode getSharedCacheMode() {
            return SharedCacheMode.NONE;
        }

        @Override
        public ValidationMode getValidationMode() {
            return ValidationMode.NONE;
        }

        @Override
        public Properties getProperties() {
            return properties;
        }

        @Override
        public String getPersistenceXMLSchemaVersion() {
            return "3.0";
        }

        @Override
        public ClassLoader getClassLoader() {
            return Thread.currentThread().getContextClassLoader();
        }

        @Override
        public void addTransformer(ClassTransformer transformer) {
            // no weaving in tests
        }

        @Override
        public ClassLoader getNewTempClassLoader() {
            return Thread.currentThread().getContextClassLoader();
        }
    }
}

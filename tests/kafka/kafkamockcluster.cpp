// Hosts librdkafka's mock Kafka cluster for the Kafka tests and benchmarks:
// prints the bootstrap address (loopback ports) on stdout and runs until
// SIGTERM or SIGINT.
//
//   kafkamockcluster [--brokers N] [--topic NAME:PARTITIONS]... [--rtt-ms MS]
//
// Without --topic it creates `events` with 6 partitions. Every topic has
// min(3, brokers) replicas. --rtt-ms delays every broker response, which
// widens the time between a request's effect and its reply (a commit that
// is stored before the client learns of it).
//
// NOTE: librdkafka 2.0.2's mock broker keeps about 5 MB of message sets per
// partition and drops the oldest beyond that, and it cannot look offsets up
// by timestamp. Tests size their data below that limit.

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace {

int usage(const char* message)
{
    std::fprintf(stderr,
                 "kafkamockcluster: %s\nusage: kafkamockcluster [--brokers N] [--topic NAME:PARTITIONS]... [--rtt-ms MS]\n",
                 message);
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    int brokers = 3;
    int rttMs = 0;
    std::vector<std::pair<std::string, int>> topics;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (i + 1 >= argc)
            return usage(("option " + argument + " needs a value").c_str());
        const std::string value = argv[++i];
        if (argument == "--brokers") {
            brokers = std::atoi(value.c_str());
            if (brokers < 1 || brokers > 16)
                return usage("--brokers must be from 1 to 16");
        } else if (argument == "--rtt-ms") {
            rttMs = std::atoi(value.c_str());
            if (rttMs < 0 || rttMs > 10'000)
                return usage("--rtt-ms must be from 0 to 10000");
        } else if (argument == "--topic") {
            const std::size_t colon = value.rfind(':');
            const int partitions = colon == std::string::npos ? 0 : std::atoi(value.c_str() + colon + 1);
            if (colon == 0 || partitions < 1 || partitions > 1000)
                return usage(("--topic is \"" + value + "\"; use NAME:PARTITIONS with 1 to 1000 partitions").c_str());
            topics.emplace_back(value.substr(0, colon), partitions);
        } else {
            return usage(("unknown option " + argument).c_str());
        }
    }
    if (topics.empty())
        topics.emplace_back("events", 6);

    // Blocked before librdkafka starts its threads, so that only sigwait()
    // below takes the signals.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    char reason[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason, sizeof reason);
    if (!handle) {
        std::fprintf(stderr, "kafkamockcluster: cannot create a librdkafka handle: %s\n", reason);
        return 1;
    }
    rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(handle, brokers);
    if (!cluster) {
        std::fprintf(stderr, "kafkamockcluster: cannot start the mock cluster\n");
        rd_kafka_destroy(handle);
        return 1;
    }
    for (const auto& [name, partitions] : topics) {
        const rd_kafka_resp_err_t error =
            rd_kafka_mock_topic_create(cluster, name.c_str(), partitions, brokers < 3 ? brokers : 3);
        if (error) {
            std::fprintf(stderr, "kafkamockcluster: cannot create topic %s: %s\n", name.c_str(), rd_kafka_err2str(error));
            return 1;
        }
    }
    for (int broker = 1; rttMs > 0 && broker <= brokers; ++broker)
        rd_kafka_mock_broker_set_rtt(cluster, broker, rttMs);
    std::printf("%s\n", rd_kafka_mock_cluster_bootstraps(cluster));
    std::fflush(stdout);

    int received = 0;
    sigwait(&signals, &received);
    rd_kafka_mock_cluster_destroy(cluster);
    rd_kafka_destroy(handle);
    return 0;
}

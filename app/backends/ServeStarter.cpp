#include "backends/ServeStarter.h"

#ifdef TIDEMARK_HAVE_KAFKASERVER
#include "kafkaserver/KafkaListener.h"
#endif

namespace tidemark {

#ifdef TIDEMARK_HAVE_KAFKASERVER

namespace {

class KafkaServedListener final : public ServedListener {
public:
    explicit KafkaServedListener(std::unique_ptr<kafkaserver::KafkaListener> listener) : m_listener(std::move(listener))
    {}
    ~KafkaServedListener() override { m_listener->stop(); }
    QString address() const override { return m_listener->address(); }

private:
    std::unique_ptr<kafkaserver::KafkaListener> m_listener;
};

ServeEvent::Kind eventKind(kafkaserver::ListenerEvent::Kind kind)
{
    using K = kafkaserver::ListenerEvent::Kind;
    switch (kind) {
    case K::Started: return ServeEvent::Kind::Started;
    case K::Stopped: return ServeEvent::Kind::Stopped;
    case K::ClientConnected: return ServeEvent::Kind::ClientConnected;
    case K::ClientDisconnected: return ServeEvent::Kind::ClientDisconnected;
    case K::ClientError: return ServeEvent::Kind::ClientError;
    case K::Info: break;
    }
    return ServeEvent::Kind::Info;
}

} // namespace

ServeStarter kafkaServeStarter()
{
    return [](const ConnectionSpec &spec, const ServeAddress &address,
              std::function<void(const ServeEvent &)> onEvent) -> Result<std::unique_ptr<ServedListener>> {
        if (spec.kind != ConnectionSpec::Kind::Local)
            return Error(
                ErrorCode::Unsupported,
                QStringLiteral("only the built-in broker can serve Kafka clients, not %1").arg(spec.describe()));
        kafkaserver::ListenerOptions options;
        options.dataDirectory = spec.dataDirectory.isEmpty() ? defaultDataDirectory() : spec.dataDirectory;
        options.host = address.host;
        options.port = address.port;
        options.allowNonLoopback = address.allowNonLoopback;
        options.onEvent = [onEvent = std::move(onEvent)](const kafkaserver::ListenerEvent &e) {
            if (onEvent)
                onEvent(ServeEvent{eventKind(e.kind), e.client, e.message});
        };
        kafkaserver::raiseDescriptorLimit(); // hundreds of clients
        auto listener = kafkaserver::KafkaListener::start(options);
        if (!listener)
            return listener.error();
        return std::unique_ptr<ServedListener>(std::make_unique<KafkaServedListener>(std::move(*listener)));
    };
}

#else

ServeStarter kafkaServeStarter() { return {}; }

#endif

} // namespace tidemark

// Placeholder until the event store lands.
namespace detente {
int StorePlaceholder() { return 0; }
}  // namespace detente

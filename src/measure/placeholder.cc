// Placeholder until the barometer lands.
namespace detente {
int MeasurePlaceholder() { return 0; }
}  // namespace detente

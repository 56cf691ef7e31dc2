"""N-player games among many states: symmetric collective-action games and their equilibria."""

"""Analyses over the model: Monte Carlo (draws, executor), sensitivity, sweeps and the backtest."""

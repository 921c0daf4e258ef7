"""Exact steady-state values of M/M/n (Erlang C), M/M/n+M (Erlang A) and M/M/n+G, from the
closed forms in shared/research/validation.md. Rates per second."""

from __future__ import annotations

import math

from scipy.special import gammainc, gammaln
from scipy.stats import poisson


def erlang_b(n: int, a: float) -> float:
    return poisson.pmf(n, a) / poisson.cdf(n, a)


def erlang_c(lam: float, mu: float, n: int, t: float) -> dict[str, float]:
    a, rho = lam / mu, lam / (n * mu)
    b = erlang_b(n, a)
    c = b / (1 - rho * (1 - b))
    return {
        "p_wait": c,
        "asa_s": c / (n * mu - lam),
        "mean_wait_s": c / (n * mu - lam),
        "service_level": 1 - c * math.exp(-(n * mu - lam) * t),
        "occupancy": rho,
    }


def erlang_a(lam: float, mu: float, theta: float, n: int, t: float) -> dict[str, float]:
    a, rho = lam / mu, lam / (n * mu)
    x, y = n * mu / theta, lam / theta
    big_a = math.exp(math.log(x) + y - x * math.log(y) + gammaln(x) + math.log(gammainc(x, y)))
    b = erlang_b(n, a)
    p_wait = big_a * b / (1 + (big_a - 1) * b)
    p_ab = (1 / (rho * big_a) + 1 - 1 / rho) * p_wait
    p_gt_t = p_wait * math.exp(-theta * t) * gammainc(x, y * math.exp(-theta * t)) / gammainc(x, y)
    tail = gammainc(x + 1, y) - gammainc(x + 1, y * math.exp(-theta * t))
    served_within = 1 - p_wait + p_wait / rho * tail / gammainc(x, y)
    return {
        "p_wait": p_wait,
        "abandon_rate": p_ab,
        "mean_wait_s": p_ab / theta,
        "service_level": served_within,
        "service_level_g1": served_within / (served_within + p_gt_t),
        "p_wait_gt_t": p_gt_t,
        "occupancy": rho * (1 - p_ab),
    }


def mmng_deterministic(lam: float, mu: float, n: int, patience: float) -> dict[str, float]:
    """M/M/n+D (Zeltyn & Mandelbaum 2005): H(x) = min(x, D)."""
    a = lam / mu
    eps = (sum(math.exp(j * math.log(a) - gammaln(j + 1)) for j in range(n))
           / math.exp((n - 1) * math.log(a) - gammaln(n)))
    d = lam - n * mu
    j = (math.expm1(d * patience) / d if d else patience) + math.exp(lam * patience - n * mu * patience) / (n * mu)
    return {
        "p_wait": lam * j / (eps + lam * j),
        "abandon_rate": (1 + (lam - n * mu) * j) / (eps + lam * j),
    }

"""Importing this module registers the frameworks' evaluators (MOF, OSAID, EOSAI)."""

from openaudit.frameworks import eosai, mof, osaid, terms

__all__ = ["eosai", "mof", "osaid", "terms"]

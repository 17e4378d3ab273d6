"""The frameworks plugged into the rubric engine: importing this module registers their
evaluators (MOF, OSAID, EOSAI) and the rules turning their probes' outcomes into each
framework's result. The rubric registry imports it with the built-in evaluators."""

from openaudit.frameworks import eosai, mof, osaid, terms
from openaudit.rubric.framework_spec import register_result

register_result("mof", mof.mof_result, mof.mof_summary)
register_result("osaid", osaid.osaid_result)
register_result("eosai", eosai.eosai_result, eosai.eosai_summary)

__all__ = ["eosai", "mof", "osaid", "terms"]

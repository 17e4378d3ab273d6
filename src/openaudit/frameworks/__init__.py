"""The published openness frameworks: MOF, OSAID and EOSAI, one module each.

`components` finds the framework components in the evidence, `terms` reads
licence terms as the frameworks do; `plugin` registers the frameworks'
evaluators and result rules into the rubric engine (the `framework:` section of
a rubric is `openaudit.rubric.framework_spec`).
"""

"""The published openness frameworks: MOF, OSAID and EOSAI, one module each.

`spec` parses a rubric's `framework:` section and dispatches to the framework's
result function; `components` finds the framework components in the evidence,
`terms` reads licence terms as the frameworks do. Importing `mof`, `osaid` and
`eosai` registers their evaluators.
"""

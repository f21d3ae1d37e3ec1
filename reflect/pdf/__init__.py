"""PDF export: the shared page template (:mod:`.base`), user Markdown as flowables
(:mod:`.richtext`), the profile radar (:mod:`.radar`) and saving with AES-256 (:mod:`.secure`).

Nothing is imported here, so ``import reflect.pdf`` stays cheap; import the submodule you need.
"""

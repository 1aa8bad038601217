"""Charts shared by results (``plot()``) and the report: specs (:mod:`.spec`) and matplotlib drawing (:mod:`.draw`)."""

"""The model: the engine (:mod:`.engine`), its inverse (:mod:`.inverse`), the Solow closed forms (:mod:`.solow`)."""

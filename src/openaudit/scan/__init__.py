"""Hub-scale scoring of the metadata dump.

`score.score_batch` is the pure scorer over Arrow record batches (pyarrow only);
`driver` runs it on Daft, locally or on a Ray cluster (`openaudit[scale]`);
`summary` counts a run's results. Nothing here imports typer or rich.
"""

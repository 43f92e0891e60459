"""Chart choice, drawing and one-sentence summaries: pure functions over query results (DataFrames).

Charts are chosen by code from the shape of the result; nothing the model writes is ever run here.
"""

"""The question -> SQL -> answer chain over a local model (LangChain runnables)."""

import os

# The product promise is that nothing leaves the customer's machines: LangChain's tracing to LangSmith
# stays off even if a stray environment variable asks for it.
for _variable in ("LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2", "LANGCHAIN_TRACING"):
    os.environ[_variable] = "false"

"""cleaner inside other engines (datatrove). Each module here imports its engine:
import one only where that engine is installed (`pip install 'cleaner[datatrove]'`)."""

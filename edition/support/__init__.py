"""What every stage leans on: files, memory and the versions of the tools."""

help log

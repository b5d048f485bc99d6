#include "logbroker/HeadView.h"

namespace tidemark::logbroker {

Result<HeadView> HeadView::open(const QString &path)
{
    auto fd = openFile(path, ReadOnly);
    if (!fd)
        return fd.error();
    auto size = fileSize(fd->get(), path);
    if (!size)
        return size.error();
    if (*size < kHeadFileSize)
        return Error(
            ErrorCode::Corrupt,
            QStringLiteral("'%1' has %2 bytes, not a whole head of %3").arg(path).arg(*size).arg(kHeadFileSize));
    auto map = MappedFile::map(fd->get(), static_cast<size_t>(kHeadFileSize), path, false);
    if (!map)
        return map.error();
    HeadView view;
    view.m_map = std::move(*map);
    return view; // the descriptor closes here; the mapping stays
}

} // namespace tidemark::logbroker
